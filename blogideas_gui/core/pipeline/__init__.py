"""The request pipeline the window and the CLI share: backend choice, budget, recording."""
