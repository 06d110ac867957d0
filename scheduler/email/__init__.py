"""The e-mail probe's runtime: the probe's pure parts (probes/email/) joined to the records.

secrets (mailbox settings), plan (which enquiry, when), send (exactly once), watch (the
mailboxes), artifacts (the evidence scoring reads). The models stay in results/.
"""
