"""HTML to PDF (WeasyPrint), fetching nothing.

Every PDF (the board report, the Regulation 44 and 45 reports, a subject access disclosure) is
drawn from a template that holds all it shows: styles written in it, charts as inline SVG.
WeasyPrint would fetch any URL the HTML names, file:// and the council's network included, so a
stored text that ever reached a PDF unescaped could read the server's files into a download;
here every fetch is refused.
"""


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint takes half a second to import and most requests never need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
