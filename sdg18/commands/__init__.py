"""What each ``sdg18`` sub-command does, apart from parsing its arguments."""
