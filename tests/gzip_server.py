"""A static HTTP server that compresses text as a static host does (GitHub Pages and the like
send HTML, CSS, JavaScript, JSON and SVG gzipped; fonts and images as they are).

`python -m tests.gzip_server FOLDER` serves FOLDER on a free port of 127.0.0.1 and prints the
same first line as `python -m http.server`. For `make bench`'s timings on a throttled
connection (tests/bench.py), where what crosses the network is what counts.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys

COMPRESSED_TYPES = ("text/", "javascript", "json", "svg", "xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # noqa: ANN201 - the base class's signature
        path = self.translate_path(self.path)
        content_type = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if (not os.path.isfile(path) or not wants_gzip
                or not any(kind in content_type for kind in COMPRESSED_TYPES)):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main(folder: str) -> None:
    handler = functools.partial(GzipHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    print(f"Serving HTTP on 127.0.0.1 port {port} (http://127.0.0.1:{port}/) ...", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
