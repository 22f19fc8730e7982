"""One thin page per step: it renders the case and emits the clerk's intents."""
