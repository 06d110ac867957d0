"""Extra certificate authorities to trust, for test worlds and staging servers only.

`AUDITOR_EXTRA_CA_FILE` names a PEM file of CA certificates. Python's fetches (TLS check,
robots, sitemaps, link checks, PDFs) verify against the system store plus these; Chromium
is told the CAs' public keys (`--ignore-certificate-errors-spki-list`), since it reads no
CA file of ours; it matches them against the chain the server sends, so such a server must
send its CA in the chain (the demo world's does). Unset (the default), only the system
store is trusted, as for residents.
"""

from __future__ import annotations

import base64
import hashlib
import os
import ssl
from functools import lru_cache

ENV = "AUDITOR_EXTRA_CA_FILE"


def extra_ca_file() -> str | None:
    return os.environ.get(ENV) or None


def ssl_context() -> ssl.SSLContext:
    """The default verifying context, plus the extra CAs when configured."""
    context = ssl.create_default_context()
    path = extra_ca_file()
    if path:
        context.load_verify_locations(cafile=path)
    return context


@lru_cache(maxsize=8)
def _spki_hashes(path: str) -> tuple[str, ...]:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    with open(path, "rb") as handle:
        certificates = x509.load_pem_x509_certificates(handle.read())
    hashes = []
    for certificate in certificates:
        spki = certificate.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        hashes.append(base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii"))
    return tuple(hashes)


def chromium_args() -> list[str]:
    """Chromium's flag accepting chains that contain one of the extra CAs' keys."""
    path = extra_ca_file()
    if not path:
        return []
    return ["--ignore-certificate-errors-spki-list=" + ",".join(_spki_hashes(path))]
