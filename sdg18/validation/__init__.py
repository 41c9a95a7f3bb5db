"""Levels 0–3: values typed by the contract, the models run, findings built, files, inbox,
history and links checked."""
