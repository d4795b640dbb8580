"""The steering group election at the autumn meeting: the nominating committee's proposal, one
ballot per organisation, the chair's recorded decision (DOMAIN.md: "Election")."""
