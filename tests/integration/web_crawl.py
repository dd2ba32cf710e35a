#!/usr/bin/env python3
"""web_crawl.py: crawls the HTML pages of a running `plusone serve` as
each given login, as a browser would, and looks for English left in the
Vietnamese pages.

Usage: web_crawl.py URL PASSWORD LOGIN... [--dump]

For each login it logs in (the default language, Vietnamese), then visits
the site breadth first from "/", following every same-site link (at most
PER_PATTERN pages per path pattern, ids replaced by {id}, so the crawl is
bounded and deterministic), and posts every form once with its hidden
fields kept and every other field blank or wrong (so that the forms come
back with their validation errors).  It never posts the logout, language
or confirmation forms that would end the crawl or change who is logged in.

Of every page it keeps the visible text: the text outside <script> and
<style>, and the placeholder, title, aria-label, alt and button values.

It prints, one a line, "ENGLISH <login> <path> <word>" for each word of
the visible text found in the word list ENGLISH (words and enum values
that must never show in a Vietnamese page), "ISODATE <login> <path>
<date>" for each raw ISO date (yyyy-mm-dd) and "JSON <login> <path>
<text>" for raw JSON shown as text, and at the end "VISITED <pattern>"
for every path pattern it visited and "PAGES <n>".  With --dump it also
prints "WORD <word>" for every ASCII word of the visible text (for
reviewing by eye).  The exit status is 0 when nothing was found.
"""
import collections
import html.parser
import http.cookiejar
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

PER_PATTERN = 3
MAX_PAGES = 400

# Words and enum values that must never appear in the visible text of a
# Vietnamese page (matched as whole words, case-insensitive).  Codes such
# as BHXH, BHYT, CCCD, D05-TS, unit codes and logins are not in it.
ENGLISH = set("""
cash transfer bank bhyt_only near_poor poor_near nonpoor ethnic_minority
minority other others collector collectors officer union viewer
open opened merged merge closed void voided pending confirmed active
disabled enabled none null true false undefined nan
the and of for with from to your you not no yes is are was be been
search people person persons household households receipt receipts
remittance remittances referral referrals due date name unit units
error errors required invalid missing unknown must should cannot
login logout password user users username role roles audit log
save cancel submit back next previous page total amount months month
year years income category scheme status reason details edit add new
male female head wife husband child son daughter spouse parent
member members branch dashboard settings point collect collected
quote quotes advance support state local gross net from until valid
list print show hide more less all any only today yesterday
monthly quarterly yearly half lump sum mode
""".split())

# Words that are Vietnamese written without accents, or logins ("admin"),
# which the list above must not contain (kept here to say why they are
# absent, and left out of the --dump listing).
ALLOWED = {"in", "con", "tin", "ha", "ban", "an", "admin"}

# Pages visited as every login besides the links: empty states and lists
# filtered by what matches nothing.
EXTRA = ("/people?q=zzzqqq", "/due?days=0", "/receipts?collector=khongco", "/referrals?unit=00000",
         "/due?unit=00000", "/remit?collector=khongco", "/people/999999", "/khong-co")

ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
JSON_TEXT = re.compile(r'[{\[]\s*"[A-Za-z_]+"\s*:')
WORD = re.compile(r"[^\W\d]+")  # whole words, letters of any script (and _)
ID_SEG = re.compile(r"/\d+(?=/|$)")
SKIP_POST = {"/logout", "/lang", "/login"}
TEXT_ATTRS = ("placeholder", "title", "aria-label", "alt")


class Page(html.parser.HTMLParser):
    """The visible text, the links and the forms of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.links = []
        self.forms = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
            return
        for k in TEXT_ATTRS:
            if a.get(k):
                self.text.append(a[k])
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.text.append(a["value"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                               "fields": []})
        if tag in ("input", "select", "textarea") and self.forms and a.get("name"):
            self.forms[-1]["fields"].append((tag, a.get("type", ""), a["name"], a.get("value", "")))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.text.append(data)


def pattern(path):
    """The path with its numeric segments replaced by {id}."""
    return ID_SEG.sub("/{id}", path)


class Crawler:
    def __init__(self, base, password, dump):
        self.base = base.rstrip("/")
        self.password = password
        self.dump = dump
        self.found = []
        self.visited = set()
        self.pages = 0
        self.words = collections.Counter()

    def opener(self):
        jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None

        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def fetch(self, op, path, data=None):
        """(status, body text, Location) of one request."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        try:
            with op.open(req, timeout=10) as r:
                return r.status, r.read().decode("utf-8", "replace"), r.headers.get("Location")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), e.headers.get("Location")

    def look(self, login, path, body):
        """Records what is English in the visible text of one page."""
        p = Page()
        p.feed(body)
        self.pages += 1
        for t in p.text:
            for w in WORD.findall(t):
                if not w.isascii():
                    continue
                if self.dump:
                    self.words[w] += 1
                if w.lower() in ENGLISH:
                    self.found.append("ENGLISH %s %s %s" % (login, path, w))
            for m in ISO_DATE.finditer(t):
                self.found.append("ISODATE %s %s %s" % (login, path, m.group(0)))
            if JSON_TEXT.search(t):
                self.found.append("JSON %s %s %s" % (login, path, t.strip()[:80]))
        return p

    def crawl(self, login):
        op = self.opener()
        st, body, loc = self.fetch(op, "/login")
        self.look("-", "/login", body)
        if not self.pages:  # once: more would lock the address out
            st, body, loc = self.fetch(op, "/login", {"username": login, "password": "sai" + self.password})
            self.look("-", "POST /login", body)
        st, body, loc = self.fetch(op, "/login", {"username": login, "password": self.password})
        if st != 303:
            self.found.append("LOGIN %s %d" % (login, st))
            return
        queue = collections.deque(["/"])
        seen = set()
        per = collections.Counter()
        posted = set()
        while queue and self.pages < MAX_PAGES:
            path = queue.popleft()
            st, body, loc = self.fetch(op, path)
            if st in (301, 302, 303) or "<html" not in body[:400]:
                continue
            self.visited.add(pattern(urllib.parse.urlsplit(path).path))
            self.visited.add("/login")
            p = self.look(login, path, body)
            for href in p.links:
                u = urllib.parse.urlsplit(urllib.parse.urljoin(path, href))
                if u.netloc or not u.path.startswith("/") or u.path.startswith(("/static/", "/api/")):
                    continue
                if u.path in ("/lang",) or "lang=" in u.query:
                    continue
                target = u.path + ("?" + u.query if u.query else "")
                key = pattern(u.path) + ("?" + "&".join(sorted(k for k, _ in urllib.parse.parse_qsl(u.query)))
                                         if u.query else "")
                if target in seen or per[key] >= PER_PATTERN:
                    continue
                seen.add(target)
                per[key] += 1
                queue.append(target)
            for f in p.forms:
                action = urllib.parse.urlsplit(urllib.parse.urljoin(path, f["action"] or path)).path
                if f["method"] != "post" or action in SKIP_POST or action.endswith("/confirm"):
                    continue
                key = pattern(action)
                if key in posted:
                    continue
                posted.add(key)
                data = {}
                for tag, typ, name, value in f["fields"]:
                    if typ == "hidden":
                        data[name] = value
                    elif typ in ("submit", "button"):
                        continue
                    else:
                        data[name] = "x" if name in ("date", "dob", "from", "to") else ""
                st, body, loc = self.fetch(op, action, data)
                if st in (301, 302, 303):
                    continue
                self.look(login, "POST " + action, body)
        for path in EXTRA:
            st, body, loc = self.fetch(op, path)
            if "<html" in body[:400]:
                self.look(login, path, body)


def main():
    args = [a for a in sys.argv[1:] if a != "--dump"]
    dump = "--dump" in sys.argv
    base, password, logins = args[0], args[1], args[2:]
    c = Crawler(base, password, dump)
    for login in logins:
        c.crawl(login)
    for line in sorted(set(c.found)):
        print(line)
    if dump:
        for w, n in sorted(c.words.items()):
            if w.lower() not in ALLOWED:
                print("WORD %s %d" % (w, n))
    for v in sorted(c.visited):
        print("VISITED %s" % v)
    print("PAGES %d" % c.pages)
    return 1 if c.found else 0


if __name__ == "__main__":
    sys.exit(main())
