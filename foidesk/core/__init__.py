"""The GUI-free core: data model, store, deadlines, mail, search, backup."""
