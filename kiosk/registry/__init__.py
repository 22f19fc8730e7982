"""The national population database (CSDLQG về dân cư) behind one interface."""
