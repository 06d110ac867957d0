import os

# Tests reach the demo world on loopback.
os.environ.setdefault("AUDITOR_ALLOW_PRIVATE_NETWORKS", "1")
