"""Article bodies are Markdown; this turns them into HTML that is safe to show."""
import markdown
import nh3
from django.utils.safestring import mark_safe


def render_markdown(text):
    html = markdown.markdown(text or "", extensions=["sane_lists"])
    return mark_safe(nh3.clean(html))
