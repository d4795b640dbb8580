"""The test provider's users and clients, from the JSON file named by OP_SETUP:
{"users": [{"username", "password", "first_name", "last_name", "email", "organisation" (or null)}],
 "clients": [{"client_id", "client_secret", "redirect_uris": [...], "post_logout_redirect_uris": [...]}]}"""
import json
import os

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand
from oauth2_provider.models import get_application_model


class Command(BaseCommand):
    def handle(self, *args, **options):
        with open(os.environ["OP_SETUP"], encoding="utf-8") as fh:
            setup = json.load(fh)
        for person in setup["users"]:
            user = User(username=person["username"], first_name=person.get("first_name", ""),
                        last_name=person.get("last_name", ""), email=person.get("email", ""))
            user.set_password(person["password"])
            user.save()
            if person.get("organisation"):
                user.groups.add(Group.objects.get_or_create(name=person["organisation"])[0])
        Application = get_application_model()
        for client in setup["clients"]:
            Application.objects.create(
                name=client["client_id"], client_id=client["client_id"], client_secret=client["client_secret"],
                client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
                redirect_uris=" ".join(client["redirect_uris"]),
                post_logout_redirect_uris=" ".join(client.get("post_logout_redirect_uris", [])),
                skip_authorization=True, algorithm=Application.RS256_ALGORITHM,
            )
