"""The networks and their proposals: joining the communicators' network, proposals for joint
initiatives forwarded to the steering group, the conference and its registrations."""
