"""The e-mail probe: mystery-client enquiries sent over SMTP, replies watched over IMAP.

Parsing, classifying, matching and the artifact are pure (bytes and dicts in, data out);
the network parts (smtp.py, imap.py) know nothing of the database. The Django side lives
in scheduler/email/.
"""
