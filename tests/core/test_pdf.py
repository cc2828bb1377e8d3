"""A PDF is made from its own HTML alone: no file or address the HTML names is fetched."""

import base64
import http.server
import threading

import pytest

from core.pdf import html_to_pdf

# A one-pixel PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_a_file_on_the_server_named_in_the_html_is_not_read_into_the_pdf(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(PIXEL)
    pdf = html_to_pdf(f'<p>Report</p><img src="{image.as_uri()}" alt="">')
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" not in pdf


@pytest.fixture
def listener():
    """A web server on loopback that counts the requests it is sent."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()
    server.server_close()


def test_no_address_named_in_the_html_is_asked_for(listener):
    base, asked = listener
    html_to_pdf(
        f'<link rel="stylesheet" href="{base}/style.css">'
        f"<style>@font-face {{ font-family: Sly; src: url({base}/font.woff) }}</style>"
        f'<p style="font-family: Sly">Report</p><img src="{base}/pixel.png" alt="">'
    )
    assert asked == []
