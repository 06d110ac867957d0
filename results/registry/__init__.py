"""The participants' registry: reading CSV/XLSX/YAML files, validating rows, importing them."""
