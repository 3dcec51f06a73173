#!/usr/bin/env python3
"""Converts PETRARCH2's unit-test records into an event development set.

usage: scripts/petrarch_devset.py [RECORDS.xml] [OUT_DIR]
  defaults: ../shared/corpora/petrarch2/PETR.UnitTest.records.xml  tests/data/petrarch
  (paths are taken from the repository root, wherever the script is run from)

Writes OUT_DIR/records.jsonl, the sentences as articles in the format of
../shared/dev ({"id", "title": null, "date", "text"}), and OUT_DIR/gold.jsonl,
one line per sentence with the events PETRARCH2 must code in it:

  {"id": "DEMO-02", "date": "1995-01-03", "category": "DEMO", "text": "...",
   "events": [{"cameo": "032", "root": "03", "source": "DAGGOV", "target": "GON",
               "cameo_root": true}, ...],
   "noevents": false, "error": null, "skip": null}

Every record of the file gives one line in each output, in file order, and every
coding of a record is kept:
- `source`/`target` are PETRARCH's codes as written, except its null actor "---",
  which becomes null. Codes of the form "---GOV" are actors without a country;
  "###" is TABARI's discard code; a quoted upper-case text ("\\"THE MINISTRY OF
  MAGIC\\"") is an actor the dictionary lacks, coded by its words (the
  new_actor_length option).
- `cameo_root` is false for codes whose first two digits are no CAMEO root
  (01-20): the validation verb dictionary defines private test codes (212, 223,
  345, 802, 901-915) that no CAMEO coder can produce.
- `noevents` marks records coded <EventCoding noevents="True">; a record with no
  EventCoding at all is also taken as expecting no events (and reported).
- `error` is the outcome PETRARCH must report instead of events. A discard
  (storydiscard, sentencediscard: a sports or disaster story) expects no events
  from the text, so these lines are scored as no-event sentences. A dateline or a
  malformed parse tree (dateline, bad_input_parse) is an error in PETRARCH's own
  input format, not in the text, so no gold follows from the text: `skip` says why
  and the scorer leaves the line out.
- `options` (when present) are the PETRARCH configuration options in force for the
  record that decide what its gold holds, where they differ from PETRARCH's
  defaults: require_dyad false (events without a target are coded) and
  new_actor_length > 0 (actors missing from the dictionary are coded by their
  words). The file sets them with <Config> elements between records.
- `sentence` is false for the few records marked sentence="false".
- Record ids that repeat (AGENTS-18 and AGENTS-19 each name two records) get a
  suffix "_2" on the later record, so that ids are unique.
Problems (each record not converted as plain event gold, with its id and why) are
printed on stderr.
"""
import datetime
import json
import os
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
DEFAULT_XML = os.path.join(ROOT, '..', 'shared', 'corpora', 'petrarch2', 'PETR.UnitTest.records.xml')
DEFAULT_OUT = os.path.join(ROOT, 'tests', 'data', 'petrarch')
CAMEO_ROOTS = {'%02d' % i for i in range(1, 21)}
# Errors of PETRARCH's input format, not of the text: nothing to score.
INPUT_ERRORS = {
    'dateline': "PETRARCH must reject the record for the dateline pattern at its start ('CEBU CITY: --'); "
                "that is a check of its input format, and the text's own events have no gold",
    'bad_input_parse': "PETRARCH must reject the record's malformed parse tree; the text is DEMO-00's, whose "
                       "events the expected error says nothing about",
}
# Options that change what the gold of a record holds, when not at their defaults.
NON_DEFAULT = {('require_dyad', 'false')}
# Errors that mean "code no events from this text".
DISCARDS = {'storydiscard', 'sentencediscard'}


def actor(code):
    code = (code or '').strip()
    return None if code in ('', '---') else code


def convert(xml_path):
    """Returns (articles, gold lines, problems)."""
    root = ET.parse(xml_path).getroot()
    sentences = root.find('Sentences')
    if sentences is None:
        raise SystemExit('%s: no <Sentences> element' % xml_path)
    articles, gold, problems = [], [], []
    options = {}
    seen = {}
    for element in sentences:
        if element.tag == 'Config':
            options[element.get('option')] = element.get('value')
            continue
        if element.tag != 'Sentence':
            problems.append('an element <%s> among the sentences was ignored' % element.tag)
            continue
        rid = element.get('id', '').strip()
        seen[rid] = seen.get(rid, 0) + 1
        uid = rid if seen[rid] == 1 else '%s_%d' % (rid, seen[rid])
        if uid != rid:
            problems.append('%s: the id names an earlier record too; this one is %s' % (rid, uid))
        raw_date = (element.get('date') or '').strip()
        try:
            date = datetime.datetime.strptime(raw_date, '%Y%m%d').date().isoformat()
        except ValueError:
            date = None
            problems.append('%s: date %r is no yyyymmdd date; the article has none' % (uid, raw_date))
        text_el = element.find('Text')
        text = ' '.join((text_el.text or '').split()) if text_el is not None else ''
        if not text:
            problems.append('%s: no text' % uid)
        events, noevents, error, skip = [], False, None, None
        codings = element.findall('EventCoding')
        for c in codings:
            if c.get('noevents', '').lower() == 'true':
                noevents = True
            elif c.get('error'):
                error = c.get('error')
            elif c.get('eventcode'):
                cameo = c.get('eventcode').strip()
                events.append({'cameo': cameo, 'root': cameo[:2], 'source': actor(c.get('sourcecode')),
                               'target': actor(c.get('targetcode')), 'cameo_root': cameo[:2] in CAMEO_ROOTS})
            else:
                problems.append('%s: an EventCoding without eventcode, noevents or error was ignored: %s'
                                % (uid, dict(c.attrib)))
        if not codings:
            problems.append('%s: no EventCoding element; taken as expecting no events' % uid)
        if error in INPUT_ERRORS:
            skip = '%s: %s' % (error, INPUT_ERRORS[error])
            problems.append('%s: not scored: %s' % (uid, skip))
        elif error is not None and error not in DISCARDS:
            skip = '%s: an expected error the converter does not know' % error
            problems.append('%s: not scored: %s' % (uid, skip))
        if events and (noevents or error):
            problems.append('%s: events and noevents/error together; the events are kept' % uid)
        articles.append({'id': uid, 'title': None, 'date': date, 'text': text})
        line = {'id': uid, 'date': date, 'category': element.get('category'), 'text': text, 'events': events,
                'noevents': noevents, 'error': error, 'skip': skip}
        if element.get('sentence', 'true').strip().lower() != 'true':
            line['sentence'] = False
        shown = {k: v.lower() for k, v in sorted(options.items()) if (k, v.lower()) in NON_DEFAULT or
                 (k == 'new_actor_length' and v.isdigit() and int(v) > 0)}
        if shown:
            line['options'] = shown
        gold.append(line)
    return articles, gold, problems


def write_jsonl(path, rows):
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')


def main(argv):
    xml_path = argv[1] if len(argv) > 1 else DEFAULT_XML
    out_dir = argv[2] if len(argv) > 2 else DEFAULT_OUT
    articles, gold, problems = convert(xml_path)
    os.makedirs(out_dir, exist_ok=True)
    write_jsonl(os.path.join(out_dir, 'records.jsonl'), articles)
    write_jsonl(os.path.join(out_dir, 'gold.jsonl'), gold)
    for p in problems:
        print('petrarch_devset: ' + p, file=sys.stderr)
    n_events = sum(len(g['events']) for g in gold)
    print('%d records, %d gold events (%d with a CAMEO root), %d records expecting no events, %d not scored'
          % (len(gold), n_events, sum(e['cameo_root'] for g in gold for e in g['events']),
             sum(1 for g in gold if not g['events'] and not g['skip']), sum(1 for g in gold if g['skip'])),
          file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
