"""The auditor application: configuration, the `auditor` command and the web interface."""
