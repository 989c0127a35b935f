"""A real SMTP server (aiosmtpd) for the e-mail tests.

Usage: capture_server.py PORT FOLDER USER PASSWORD
Requires AUTH LOGIN/PLAIN with USER/PASSWORD, rejects recipients starting with "nobody@" with 550 5.1.1,
writes each accepted message to FOLDER/NNNNN.eml, prints READY once listening and stops when stdin closes,
so it never outlives the test that started it.
"""
import logging
import os
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, folder, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
if os.environ.get("SMTP_DEBUG_LOG"):
    logging.basicConfig(filename=os.environ["SMTP_DEBUG_LOG"], level=logging.DEBUG)


class Capture:
    def __init__(self):
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(folder, "%05d.eml" % self.count)
        with open(path + ".tmp", "wb") as handle:
            handle.write(envelope.original_content)
        os.rename(path + ".tmp", path)
        return "250 2.0.0 Message accepted"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok, handled=False)


controller = Controller(Capture(), hostname="127.0.0.1", port=port, authenticator=authenticate,
                        auth_required=True, auth_require_tls=False)
controller.start()
print("READY", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
