"""The jurors' and organisers' web interface (server-rendered, Polish)."""
