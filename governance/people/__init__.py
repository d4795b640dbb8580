"""People and organisations: the 22 fee-paying organisations and the others, the portal's users, and
the deputies an information manager names for a period (DOMAIN.md: "Organisations and people")."""
