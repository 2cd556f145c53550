"""Natural-language processing: loading spaCy and parsing documents."""
