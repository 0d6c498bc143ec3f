"""Posting an admin change form as the browser would: every field as the page rendered it, then the edits."""


def change_form_data(response, **changes):
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            data[key] = "on" if value is True else value
    data.update(changes)
    return data
