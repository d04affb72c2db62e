#!/usr/bin/env python3
"""hubcard -- check a dataset folder's card against the Hugging Face
dataset card specification (the README.md YAML fields) and against its
Parquet files' "huggingface" metadata.

usage: hubcard.py DIR [-f] [SCHEMA.json ...]

-f: the card must describe the features (Parquet, CSV).  Each
SCHEMA.json is the output of tests/readers/parquet-schema.mjs for one
Parquet file of DIR/data, whose features must be the card's.  Prints
what is wrong and exits 1, or exits 0.
"""
import json
import os
import re
import sys

import yaml

# The card's top-level fields the specification names (hub-docs
# datasetcard.md), and the features of the datasets library.
KNOWN = {"language", "license", "license_name", "license_link",
         "license_details", "tags", "annotations_creators",
         "language_creators", "language_details", "pretty_name",
         "size_categories", "source_datasets", "task_categories",
         "task_ids", "paperswithcode_id", "configs", "dataset_info",
         "extra_gated_fields", "extra_gated_prompt", "viewer"}
ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
errors = []


def err(msg):
    errors.append(msg)


def from_yaml(items):
    """The card's YAML features (a list of {name, dtype|struct|list}) as
    the datasets library's dict form."""
    out = {}
    for it in items:
        if not isinstance(it, dict) or "name" not in it:
            err("feature without a name: %r" % (it,))
            continue
        keys = set(it) - {"name"}
        if len(keys) != 1:
            err("feature %s: want one of dtype, struct, list: %r" %
                (it["name"], sorted(keys)))
            continue
        k = keys.pop()
        v = it[k]
        if k == "dtype" and isinstance(v, str):
            out[it["name"]] = {"dtype": v, "_type": "Value"}
        elif k == "dtype" and isinstance(v, dict) and "class_label" in v:
            names = v["class_label"].get("names", {})
            idx = sorted(names, key=int)
            if [int(i) for i in idx] != list(range(len(idx))):
                err("class_label %s: indices not 0..n-1" % it["name"])
            out[it["name"]] = {"names": [names[i] for i in idx],
                               "_type": "ClassLabel"}
        elif k == "struct":
            out[it["name"]] = from_yaml(v)
        elif k == "list":
            out[it["name"]] = [from_yaml(v)]
        else:
            err("feature %s: unknown form %s" % (it["name"], k))
    return out


def main():
    d = sys.argv[1]
    args = sys.argv[2:]
    withfeat = bool(args) and args[0] == "-f"
    if withfeat:
        args = args[1:]
    text = open(os.path.join(d, "README.md"), encoding="utf-8").read()
    if not text.startswith("---\n"):
        err("README.md does not start with YAML front matter")
        return
    front = yaml.safe_load(text[4:text.index("\n---\n", 4)])
    for k in front:
        if k not in KNOWN:
            err("unknown card field: %s" % k)
    lic = front.get("license")
    lic = [lic] if isinstance(lic, str) else lic or []
    for l in lic:
        if not isinstance(l, str) or not ID.match(l):
            err("license not a Hub id: %r" % (l,))
    if "other" in lic:
        name = front.get("license_name")
        link = front.get("license_link")
        if not isinstance(name, str) or not ID.match(name):
            err("license other: license_name not an id: %r" % (name,))
        if link not in ("LICENSE", "LICENSE.md") and not (
                isinstance(link, str) and link.startswith("https://")):
            err("license_link: %r" % (link,))
        elif not link.startswith("https://") and \
                not os.path.exists(os.path.join(d, link)):
            err("license_link names a missing file: %s" % link)
    elif "license_name" in front or "license_link" in front:
        err("license_name or license_link without license other")

    info = front.get("dataset_info")
    if not isinstance(info, dict):
        err("no dataset_info")
        return
    splits = {c["split"] for c in front["configs"][0]["data_files"]}
    got = {s["name"]: s for s in info.get("splits", [])}
    if set(got) != splits:
        err("dataset_info splits %s, configs %s" % (sorted(got),
                                                    sorted(splits)))
    card = json.load(open(os.path.join(d, "dataset_card.json")))
    total = 0
    for s, e in got.items():
        files = [f for f in card["files"] if f["split"] == s]
        want_bytes = sum(os.path.getsize(os.path.join(d, f["path"]))
                         for f in files)
        want_rows = card["counts"]["splits"][s]
        if e.get("num_bytes") != want_bytes:
            err("split %s: num_bytes %r, files hold %d" %
                (s, e.get("num_bytes"), want_bytes))
        if e.get("num_examples") != want_rows:
            err("split %s: num_examples %r, want %d" %
                (s, e.get("num_examples"), want_rows))
        total += want_bytes
    for k in ("download_size", "dataset_size"):
        if info.get(k) != total:
            err("%s %r, want %d" % (k, info.get(k), total))
    if withfeat:
        feat = from_yaml(info.get("features", []))
        if card.get("features") != feat:
            err("card features differ from dataset_card.json")
        for p in args:
            sch = json.load(open(p))
            meta = json.loads(sch["hyparquet"]["metadata"]["huggingface"])
            if meta["info"]["features"] != feat:
                err("%s: huggingface features %s, card %s" %
                    (p, json.dumps(meta["info"]["features"]),
                     json.dumps(feat)))
            if list(feat) != list(sch["duckdb"]):
                err("%s: columns %s, features %s" %
                    (p, list(sch["duckdb"]), list(feat)))
    elif "features" in info:
        err("features for a format without a schema")


main()
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
