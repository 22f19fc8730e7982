"""Judge every capture on the spot (numpy/OpenCV), crop the card portrait."""
