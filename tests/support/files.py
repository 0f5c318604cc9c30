"""Small real files for tests: the services check an upload's bytes against its declared type."""
import io

from pypdf import PdfWriter


def pdf(pages=1):
    """A real PDF of `pages` blank A4 pages (a file merely starting with `%PDF-` is refused)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
