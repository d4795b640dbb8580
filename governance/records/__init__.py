"""Public records (allmänna handlingar): the decision register (beslutsregister)."""
