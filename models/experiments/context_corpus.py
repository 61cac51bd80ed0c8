"""A corpus variant with context features (see README.md)."""
import collections
import json
import re
import sys

from common import ROWS as rows

out_path = sys.argv[1]
lead_in_only = "--lead-in-only" in sys.argv
by_id = {r["id"]: r for r in rows}
translation_of = {r["source"]: r for r in rows if r["origin"] == "translation"}
by_file = collections.defaultdict(list)
for r in rows:
    if r["origin"] == "seed":
        by_file[r["source"]["file"]].append(r)

# A list item: "a)", "1.", "iv)", or a bullet, then a space.
item = re.compile(r"^\s*(?:[a-z]{1,3}[\).]|\d{1,2}[\).]|[\u2022\-\u2013\u2014\u25aa]|[ivx]+[\).])\s", re.I)
context = {}
for passages in by_file.values():
    passages.sort(key=lambda r: r["source"]["start"])
    lead = None
    for i, r in enumerate(passages):
        is_item = bool(item.match(r["text"]))
        if is_item and lead:
            context[r["id"]] = lead
        elif i > 0 and not lead_in_only:
            context[r["id"]] = passages[i - 1]["id"]
        if not is_item:
            lead = r["id"]


def marked(text):
    return " ".join("zq" + w for w in re.findall(r"\w+", text.lower()))


with open(out_path, "w", encoding="utf-8") as out:
    for r in rows:
        r = dict(r)
        seed_id = r["id"] if r["origin"] == "seed" else r["source"] if r["origin"] == "translation" else None
        if seed_id in context:
            c = context[seed_id]
            ctx = by_id[c]["text"] if r["origin"] == "seed" else translation_of.get(c, {}).get("text", "")
            r["text"] += " " + marked(ctx)
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
