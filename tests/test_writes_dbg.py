from tests.test_bulk_import import *
import re
def show(r):
    h = r.content.decode(); i = h.find('<h1>导入'); print(re.sub(r'<[^>]+>', ' ', h[i:i+6000]).split('SVGs')[0].replace('\n',' ')[:1500])
def test_a(client, chief, stories):
    show(preview(client, SimpleUploadedFile("稿件.csv", "甲,乙\n1,2\n".encode()), CSV))
    test_a_formula_cell_that_leaves_the_headline_empty_is_a_row_error.__wrapped__ if 0 else None
    assert 0
