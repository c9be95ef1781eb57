from django.core.management.base import BaseCommand

from demo.services import demo_accounts_ensure


class Command(BaseCommand):
    help = "Create the demo accounts (or reset their passwords) and print their logins."

    def handle(self, **options):
        accounts = demo_accounts_ensure()
        self.stdout.write("\nDemo logins (for trying Homeward only — never use them on real data):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<11} {account.password:<26} {account.description}")
        self.stdout.write(
            "  admin and supervisor set up two-step sign-in at their first sign-in: have an authenticator\n"
            "  app ready (FreeOTP, Aegis, Google or Microsoft Authenticator) to scan the QR code shown.\n"
            "  The others may turn it on under Preferences. Five wrong passwords pause a login 30 minutes."
        )
        self.stdout.write("")
