from tests.test_bulk_import import *
import re
def show(r):
    h = r.content.decode(); i = h.find('<h1>导入'); print(re.sub(r'<[^>]+>', ' ', h[i:i+9000]).split('SVGs')[0].replace('\n',' ')[:2500])
def test_a(client, chief, stories):
    dataset = exported()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(dataset.headers)
    for row in dataset:
        sheet.append(list(row))
    sheet.cell(row=2, column=dataset.headers.index("主题") + 1, value='=HYPERLINK("http://example.com","链接")')
    data = io.BytesIO()
    workbook.save(data)
    upload = SimpleUploadedFile("稿件.xlsx", data.getvalue())
    show(preview(client, upload, XLSX))
    assert 0
