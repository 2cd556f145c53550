"""Reading documents from files, directories, standard input, JSONL, CSV, HTML and feeds."""
