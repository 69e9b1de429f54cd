"""An aiosmtpd SMTP server on loopback that requires AUTH, for the digest
tests: python3 smtpauth.py PORT MAILDIR USER PASSWORD.

It accepts AUTH PLAIN and LOGIN without TLS (loopback only), delivers to a
Maildir, prints "ready" once listening, and runs until killed.
"""
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

port, maildir, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4].encode()


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
    return AuthResult(success=ok, handled=False)


controller = Controller(
    Mailbox(maildir), hostname="127.0.0.1", port=port,
    authenticator=authenticator, auth_required=True, auth_require_tls=False,
)
controller.start()
print("ready", flush=True)
threading.Event().wait()
