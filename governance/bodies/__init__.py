"""Bodies and memberships: the steering group per year, its chair, G7, the directors' group, the
networks and working groups, and who sits in each from which day to which (DOMAIN.md: "Bodies")."""
