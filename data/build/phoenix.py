#!/usr/bin/env python3
"""Builds data/phoenix_actors.tsv and data/phoenix_agents.tsv from PETRARCH2's Phoenix dictionaries.

usage: python3 data/build/phoenix.py [PETRARCH2_DIR]
  default: ../shared/corpora/petrarch2 beside the repository (openeventdata/petrarch2, MIT)

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt and Phoenix.agents.txt. Standard library only;
the same input gives byte-identical output. Each problem found in the sources
is printed as `file:line: message` and also written, with a summary, to
data/build/phoenix_problems.txt.

Actor dictionaries (TABARI/PETRARCH format, read as PETRARCH2 reads them):
  PRIMARY_PHRASE  [CODE] [CODE RESTRICTION]...   # comment
  +SYNONYM_PHRASE
  <tab>[CODE RESTRICTION]
A primary phrase opens a group; '+' lines add synonyms; bracketed codes on the
primary line or on the lines after it give the group's codes in order. A code
without a restriction is the default; a restriction is <DATE (before), >DATE
(from DATE on) or DATE-DATE, dates as YYMMDD (00-30 are 20YY, else 19YY) or
YYYYMMDD. Text after '#' and inside <!-- --> is comment. Underscores and blanks
both separate words (PETRARCH2 splits on both and matches whole words, upper
case; it forms no plurals of actor names, and a possessive 's is a token of its
own, so "Gondor's" still matches GONDOR). Groups whose primary phrase repeats in
one file are merged, their codes kept in order, as PETRARCH2 keeps every code
of a repeated phrase.

Agents dictionary:
  PHRASE {PLURAL} [~CODE]     # the code follows the actor's (GON + ~COP = GONCOP)
  PHRASE [CODE~]              # the code goes before it (NGO~)
  !MARKER! = FORM, FORM...    # substitution set, used as CONGRESS!PERSON!
The plural PETRARCH2 adds: the one in {...}, none for {}, none for a phrase
made from a substitution marker, else the regular one (a final Y becomes IES,
a final S takes ES, anything else takes S).
"""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tsvlib import BUILD_DIR, DATA_DIR, write_tsv  # noqa: E402

DEFAULT_SOURCE = os.path.normpath(os.path.join(DATA_DIR, '..', '..', 'shared', 'corpora', 'petrarch2'))
ACTOR_FILES = [('countries', 'Phoenix.Countries.actors.txt'),
               ('international', 'Phoenix.International.actors.txt'),
               ('nonstate', 'Phoenix.MilNonState.actors.txt')]
AGENT_FILE = 'Phoenix.agents.txt'
REVISION = 'openeventdata/petrarch2 676801cd9cb2'
MIT_NOTICE = [
    'The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.',
    'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated',
    '  documentation files (the "Software"), to deal in the Software without restriction, including without',
    '  limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of',
    '  the Software, and to permit persons to whom the Software is furnished to do so, subject to the following',
    '  conditions: The above copyright notice and this permission notice shall be included in all copies or',
    '  substantial portions of the Software.',
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED',
    '  TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL',
    '  THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF',
    '  CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER',
    '  DEALINGS IN THE SOFTWARE.',
]
CODE_RE = re.compile(r'[A-Z0-9]{3,}|---')
BRACKET_RE = re.compile(r'\[([^\[\]]*)\]')
# UTF-8 read as Windows-1252 (and then upper-cased): 'PÃŠBLICAS' for 'PÚBLICAS'.
MOJIBAKE_RE = re.compile('[\u00c2\u00c3][\u0080-\u02ff\u2000-\u203f]')


class Problems:
    """file:line: message for each problem, in the order found."""

    def __init__(self):
        self.items = []

    def add(self, path, line, message):
        self.items.append('%s:%d: %s' % (os.path.basename(path), line, message))


def read_lines(path, problems):
    """(line number, text, blank) of each line, comments removed as PETRARCH2's reader removes them;
    blank is true for a line that was empty in the source (not for one that held only a comment)."""
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        problems.add(path, raw[:e.start].count(b'\n') + 1, 'not UTF-8; undecodable bytes replaced')
        text = raw.decode('utf-8', 'replace')
    in_comment = False
    for n, line in enumerate(text.split('\n'), 1):
        blank = not line.strip()
        if in_comment:
            if '-->' not in line:
                continue
            line = line[line.index('-->') + 3:]
            in_comment = False
        while '<!--' in line:
            start = line.index('<!--')
            end = line.find('-->', start)
            if end < 0:
                line, in_comment = line[:start], True
                break
            line = line[:start] + line[end + 3:]
        if '#' in line:
            line = line[:line.index('#')]
        yield n, line, blank


def clean_phrase(phrase, path, n, problems):
    """The phrase as matched: words upper case, separated by one blank; None when unusable."""
    if any(ch == '\ufffd' or (ord(ch) < 32 and ch != '\t') for ch in phrase):
        problems.add(path, n, 'phrase %r holds a replacement or control character (a lost letter); left out'
                     % phrase.strip())
        return None
    if MOJIBAKE_RE.search(phrase):
        problems.add(path, n, 'phrase %r holds UTF-8 text read as Windows-1252 and then changed (mojibake); '
                     'left out' % phrase.strip())
        return None
    words = ' '.join(phrase.replace('_', ' ').split())
    if '(' in words and ')' not in words[words.rindex('('):]:
        problems.add(path, n, 'unclosed "(" in %r; the phrase is cut before it' % words)
        words = words[:words.rindex('(')].strip()
    for ch in '[]{}':
        if ch in words:
            problems.add(path, n, 'stray %r in phrase %r; removed' % (ch, words))
            words = ' '.join(words.replace(ch, ' ').split())
    if words != words.upper():
        problems.add(path, n, 'lower case in %r; upper-cased (PETRARCH2 matches upper-cased text)' % words)
        words = words.upper()
    return words or None


def parse_date(s):
    """(ISO date, None) or (ISO date, note) for a date PETRARCH2 reads from part of the digits, or (None, None).

    As PETRARCH2's dstr_to_ordate: more than 7 characters are YYYYMMDD, of which
    only the first 8 count; up to 7 are YYMMDD (00-30 are 20YY, else 19YY), of
    which only the first 6 count."""
    if not s.isdigit() or len(s) < 6:
        return None, None
    if len(s) > 7:
        digits, note = s[:8], None if len(s) == 8 else 'read as %s' % s[:8]
    else:
        yy = int(s[:2])
        digits, note = ('20' if yy <= 30 else '19') + s[:6], None if len(s) == 6 else 'read as %s' % s[:6]
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])).isoformat(), note
    except ValueError:
        return None, None


def parse_code(body, path, n, problems):
    """'CODE', 'CODE FROM..TO' (either side may be empty) or None for a bracket it cannot read."""
    parts = body.split()
    if not parts or not CODE_RE.fullmatch(parts[0]):
        problems.add(path, n, 'unreadable code [%s]; left out' % body)
        return None
    code = parts[0]
    if len(parts) == 1:
        return code
    restriction = ''.join(parts[1:])
    notes = []
    span = None
    if restriction[0] in '<>':
        date, note = parse_date(restriction[1:])
        notes.append(note)
        if date:
            span = '..' + date if restriction[0] == '<' else date + '..'
    elif restriction.count('-') == 1:
        (a, na), (b, nb) = (parse_date(x) for x in restriction.split('-'))
        notes += [na, nb]
        if a and b:
            span = a + '..' + b
            if a > b:
                notes.append('the range ends before it starts, so the code never holds')
    if span is None:
        problems.add(path, n, 'unreadable date restriction in [%s] (<DATE, >DATE or DATE-DATE, dates YYMMDD or '
                     'YYYYMMDD); code left out' % body)
        return None
    if len(parts) > 2:
        problems.add(path, n, 'blank inside the restriction of [%s]; read as %s' % (body, restriction))
    notes = [x for x in notes if x]
    if notes:
        problems.add(path, n, 'odd date restriction [%s]: %s; kept as PETRARCH2 reads it: %s %s'
                     % (body, '; '.join(notes), code, span))
    return code + ' ' + span


def codes_on(text, path, n, problems):
    codes = []
    for m in BRACKET_RE.finditer(text):
        c = parse_code(m.group(1), path, n, problems)
        if c:
            codes.append(c)
    return codes


def read_actors(path, label, problems):
    """Groups in file order: dict name, aliases (list), codes (list), file, line."""
    groups, by_name = [], {}
    current = None
    # Groups without codes of their own that the next group followed with no
    # blank line between: the source lacks their '+' (LEONID_BREZHNEV_ then
    # LEONID_ILYICH_BREZHNEV then the codes), so they take the next group's
    # codes. PETRARCH2 would read each as a group that is never coded.
    waiting = []
    extra_text = []  # lines with text after their codes (company sector and revenue columns)

    def close(next_line_blank):
        nonlocal waiting
        if current is None:
            return
        if current.get('dead'):
            problems.add(path, current['line'], 'no usable primary phrase or synonym; the group and its %d codes '
                         'are left out' % len(current['codes']))
            return
        if not current['codes']:
            if not next_line_blank and not current['code_lines']:
                waiting.append(current)
                return
            problems.add(path, current['line'], 'no code for %r and its %d synonyms; left out'
                         % (current['name'], len(current['aliases'])))
        else:
            for w in waiting:
                problems.add(path, w['line'], '%r has no code of its own and the group at line %d follows it '
                             'without a blank line (a missing \'+\'?): it takes that group\'s codes'
                             % (w['name'], current['line']))
                w['codes'] = list(current['codes'])
                keep(w)
            waiting = []
            keep(current)

    def flush_waiting():
        nonlocal waiting
        for w in waiting:
            problems.add(path, w['line'], 'no code for %r and its %d synonyms; left out'
                         % (w['name'], len(w['aliases'])))
        waiting = []

    def keep(g):
        if g['name'] in by_name:
            first = by_name[g['name']]
            first['codes'] += [c for c in g['codes'] if c not in first['codes']]
            first['aliases'] += [a for a in g['aliases'] if a not in first['aliases']]
            first['merged'].append(g['line'])
        else:
            by_name[g['name']] = g
            groups.append(g)

    blank_since_group = False
    for n, line, blank in read_lines(path, problems):
        s = line.strip()
        if not s:
            blank_since_group = blank_since_group or blank
            continue
        if s.startswith('['):
            if current is None:
                problems.add(path, n, 'codes before any phrase; left out')
                continue
            if BRACKET_RE.sub('', s).strip():
                problems.add(path, n, 'text outside the brackets of a code line: %r; ignored' % s)
            current['codes'] += codes_on(s, path, n, problems)
            current['code_lines'] = True
            continue
        phrase, _, rest = s.partition('[')
        rest = '[' + rest if rest else ''
        if s.startswith('+'):
            if current is None:
                problems.add(path, n, 'synonym before any phrase; left out')
                continue
            parts = phrase[1:].split('+')
            if len(parts) > 1:
                problems.add(path, n, "'+' inside synonym %r: read as %d synonyms" % (phrase, len(parts)))
            for part in parts:
                alias = clean_phrase(part, path, n, problems)
                if not alias:
                    continue
                if current.get('dead'):
                    # The first usable synonym names a group whose primary phrase is unusable.
                    problems.add(path, n, 'synonym %r names the group instead' % alias)
                    current.update(name=alias, dead=False)
                elif alias != current['name'] and alias not in current['aliases']:
                    current['aliases'].append(alias)
            if rest:
                current['codes'] += codes_on(rest, path, n, problems)
            continue
        close(blank_since_group)
        if blank_since_group:
            flush_waiting()
        blank_since_group = False
        if not rest and '_' not in phrase and ' ' in phrase.strip() and re.search('[a-z]', phrase):
            problems.add(path, n, 'a heading, not a phrase: %r; ignored' % phrase.strip())
            current = None
            continue
        name = clean_phrase(phrase, path, n, problems)
        current = {'name': name, 'aliases': [], 'codes': codes_on(rest, path, n, problems), 'file': label,
                   'line': n, 'merged': [], 'dead': name is None, 'code_lines': bool(rest)}
        tail = rest[rest.rindex(']') + 1:].strip() if ']' in rest else rest.strip()
        if tail:
            extra_text.append(n)
    close(True)
    flush_waiting()
    if extra_text:
        problems.add(path, extra_text[0], '%d primary lines carry text after their codes (company sector and '
                     'revenue columns), ignored: lines %s' % (len(extra_text), compress(extra_text)))
    merged = [g for g in groups if g['merged']]
    if merged:
        problems.add(path, merged[0]['line'], '%d phrases open more than one group; their codes are merged in '
                     'file order (as PETRARCH2 keeps every code of a repeated phrase): %s' % (
                         len(merged), '; '.join('%s (lines %d, %s)' % (g['name'], g['line'],
                                                                      ', '.join(map(str, g['merged'])))
                                                for g in merged[:10]) + ('; ...' if len(merged) > 10 else '')))
    return groups


def compress(numbers):
    """'12-14, 20' for [12, 13, 14, 20]."""
    out, start, prev = [], None, None
    for x in numbers + [None]:
        if start is not None and x == prev + 1:
            prev = x
            continue
        if start is not None:
            out.append(str(start) if start == prev else '%d-%d' % (start, prev))
        start = prev = x
    return ', '.join(out)


def regular_plural(phrase):
    if phrase.endswith('Y'):
        return phrase[:-1] + 'IES'
    if phrase.endswith('S'):
        return phrase + 'ES'
    return phrase + 'S'


def read_agents(path, problems):
    """Rows in file order: phrase, plural, code, placement, line."""
    markers, rows, seen = {}, [], {}
    agent_re = re.compile(r'^(?P<phrase>[^\[{]*?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[\s*(?P<code>[^\]}]*?)\s*'
                          r'(?P<close>[\]}])(?P<rest>.*)$')
    for n, line, _ in read_lines(path, problems):
        s = line.strip()
        if not s:
            continue
        if '!' in s and '=' in s:
            m = re.match(r'^!([A-Z]+)!\s*=\s*(.*)$', s)
            if not m:
                problems.add(path, n, 'unreadable substitution set %r; ignored' % s)
                continue
            markers[m.group(1)] = [x.strip() for x in m.group(2).split(',') if x.strip()]
            continue
        if MOJIBAKE_RE.search(s):
            problems.add(path, n, 'UTF-8 text read as Windows-1252 and then changed (mojibake) in %r; left out' % s)
            continue
        m = agent_re.match(s)
        if not m:
            problems.add(path, n, 'no [code] for %r; left out' % s)
            continue
        if m.group('close') != ']':
            problems.add(path, n, "code closed by '%s' instead of ']': %r; read as [%s]"
                         % (m.group('close'), s, m.group('code')))
        if m.group('rest').strip():
            problems.add(path, n, 'text after the code: %r; ignored' % m.group('rest').strip())
        code = m.group('code')
        if code.startswith('~') and CODE_RE.fullmatch(code[1:]):
            code, placement = code[1:], 'after'
        elif code.endswith('~') and CODE_RE.fullmatch(code[:-1]):
            code, placement = code[:-1], 'before'
        else:
            problems.add(path, n, 'code %r is neither ~CODE nor CODE~; left out' % code)
            continue
        phrase = m.group('phrase')
        mm = re.search(r'!([A-Z]+)!', phrase)
        if mm:
            if mm.group(1) not in markers:
                problems.add(path, n, 'substitution set !%s! is not defined; left out' % mm.group(1))
                continue
            # Every form of the set, with no plural formed.
            forms = [(phrase[:mm.start()] + f + phrase[mm.end():], None) for f in markers[mm.group(1)]]
        else:
            forms = [(phrase, m.group('plural'))]
        for form, plural_field in forms:
            words = clean_phrase(form, path, n, problems)
            if words is None:
                continue
            if mm:
                plural = ''
            elif plural_field is not None:
                plural = clean_phrase(plural_field, path, n, problems) or '' if plural_field.strip() else ''
            else:
                plural = regular_plural(words)
            if words in seen:
                prev = rows[seen[words]]
                problems.add(path, n, 'agent %r repeats line %d (%s%s); the later entry wins, as in PETRARCH2'
                             % (words, prev['line'], '~' if prev['placement'] == 'after' else '', prev['code']))
                rows[seen[words]] = None
            seen[words] = len(rows)
            rows.append({'phrase': words, 'plural': plural, 'code': code, 'placement': placement, 'line': n})
    return [r for r in rows if r is not None]


ACTOR_HEADER = [
    'Actor names of the Phoenix dictionaries that PETRARCH2 codes events with: countries with their',
    '  cities, regions, institutions and office holders; international bodies, NGOs, companies and their',
    '  officers; non-state armed groups; each with its CAMEO actor codes and the dates each code holds.',
    'source: %s, files Phoenix.Countries.actors.txt, Phoenix.International.actors.txt and' % REVISION,
    '  Phoenix.MilNonState.actors.txt (copied in ../shared/corpora/petrarch2), converted by data/build/phoenix.py',
    'licence: MIT (Open Event Data Alliance); notice below',
    'generated-by: data/build/phoenix.py (do not edit; the source problems it found are in',
    '  data/build/phoenix_problems.txt)',
    'columns: name = the group\'s primary phrase, aliases = its synonyms; names are upper case with blanks for',
    '  the source\'s underscores, matched as whole words ignoring case (PETRARCH2 forms no plurals of actor',
    '  names). codes = the group\'s codes in source order: CODE (the default) or CODE FROM..TO, dates ISO,',
    '  an open side empty (CODE ..1991-06-25 before that day; CODE 2001-12-22.. from it on; both limits',
    '  included, as PETRARCH\'s documentation states); a dated code whose dates hold the article\'s date',
    '  wins, else the default; --- is the null code (known, not coded). file = countries, international or',
    '  nonstate: the dictionary it came from; line = the line of the primary phrase there.',
    'Loaded by the engine (src/lexicon/phoenix_actors.h): an entity that the lists of data/ and the article',
    '  leave without a code takes the code of the actor its full name names, on the article\'s date.',
] + MIT_NOTICE
AGENT_HEADER = [
    'Agent words of the Phoenix dictionary that PETRARCH2 codes events with: nouns for kinds of actors',
    '  ("police" COP, "rebel" REB, "farmer" AGR) whose sector code joins the code of the actor they belong to.',
    'source: %s, file Phoenix.agents.txt (copied in ../shared/corpora/petrarch2), converted by' % REVISION,
    '  data/build/phoenix.py',
    'licence: MIT (Open Event Data Alliance); notice below',
    'generated-by: data/build/phoenix.py (do not edit; the source problems it found are in',
    '  data/build/phoenix_problems.txt)',
    'columns: phrase = the agent, upper case, blanks for the source\'s underscores (substitution sets such as',
    '  !PERSON! expanded to one row per form); plural = the plural PETRARCH2 also matches: the one the source',
    '  gives in {...}, none when it gives {} or for a form of a substitution set, else the regular one (Y ->',
    '  IES, S -> +ES, else +S); code = the agent code; placement = after (the source\'s ~CODE: GON + COP =',
    '  GONCOP) or before (CODE~: NGO + the actor\'s code); line = the line in the source. Words are matched',
    '  whole: the few stems the source still holds (its header says so) match nothing in PETRARCH2.',
    'Not loaded by the engine.',
] + MIT_NOTICE


def main(argv):
    source = argv[1] if len(argv) > 1 else DEFAULT_SOURCE
    problems = Problems()
    groups = []
    for label, name in ACTOR_FILES:
        groups += read_actors(os.path.join(source, name), label, problems)
    agents = read_agents(os.path.join(source, AGENT_FILE), problems)

    actor_rows = [{'name': g['name'], 'aliases': '|'.join(g['aliases']), 'codes': '|'.join(g['codes']),
                   'file': g['file'], 'line': g['line']} for g in groups]
    write_tsv(os.path.join(DATA_DIR, 'phoenix_actors.tsv'), ACTOR_HEADER,
              ['name', 'aliases', 'codes', 'file', 'line'], actor_rows)
    write_tsv(os.path.join(DATA_DIR, 'phoenix_agents.tsv'), AGENT_HEADER,
              ['phrase', 'plural', 'code', 'placement', 'line'], agents)

    summary = []
    for label, _ in ACTOR_FILES:
        gs = [g for g in groups if g['file'] == label]
        summary.append('%s: %d groups, %d names (primary phrases and synonyms), %d dated codes, %d default codes'
                       % (label, len(gs), sum(1 + len(g['aliases']) for g in gs),
                          sum(' ' in c for g in gs for c in g['codes']),
                          sum(' ' not in c for g in gs for c in g['codes'])))
    summary.append('actors: %d groups, %d names' % (len(groups), sum(1 + len(g['aliases']) for g in groups)))
    summary.append('agents: %d rows (%d with a plural), from %d source entries' % (
        len(agents), sum(1 for a in agents if a['plural']), len({a['line'] for a in agents})))
    with open(os.path.join(BUILD_DIR, 'phoenix_problems.txt'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('# Problems data/build/phoenix.py found in the Phoenix dictionaries (%s), as\n' % REVISION)
        f.write('# file:line: what is wrong and what the converter did. Generated; do not edit.\n')
        for s in summary:
            f.write('# ' + s + '\n')
        for p in problems.items:
            f.write(p + '\n')
    for p in problems.items:
        print(p, file=sys.stderr)
    for s in summary:
        print(s, file=sys.stderr)
    print('%d problems' % len(problems.items), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
