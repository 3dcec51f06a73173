"""Reading and writing sitrep lexicon TSV files.

Format shared by every file under data/ (the C++ loader relies on it):
UTF-8; leading '# ' comment lines (must include '# source:' and '# licence:');
one tab-separated line of column names; then one entry per line with the same
number of tab-separated fields; '|' separates values inside a field.
"""
import os
import unicodedata

DATA_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
BUILD_DIR = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path):
    """Returns (comment_lines, columns, rows as dicts)."""
    comments, columns, rows = [], None, []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if columns is None and line.startswith('#'):
                comments.append(line)
                continue
            if columns is None:
                columns = line.split('\t')
                continue
            if not line:
                continue
            fields = line.split('\t')
            if len(fields) != len(columns):
                raise ValueError('%s: bad column count in %r' % (path, line))
            rows.append(dict(zip(columns, fields)))
    return comments, columns, rows


def clean(value):
    """One field: no tabs/newlines, trimmed."""
    return ' '.join(str(value).replace('\t', ' ').split())


def join_values(values):
    """'|'-joins values, dropping empties and case-sensitive duplicates, keeping order."""
    seen, out = set(), []
    for v in values:
        v = clean(v)
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return '|'.join(out)


def ascii_fold(s):
    """'São Tomé' -> 'Sao Tome'; returns s unchanged when nothing to fold."""
    s2 = s.replace('ı', 'i').replace('ł', 'l').replace('Ł', 'L').replace('ø', 'o').replace('Ø', 'O')
    s2 = s2.replace('đ', 'd').replace('Đ', 'D').replace('ß', 'ss').replace('æ', 'ae').replace('Æ', 'AE')
    s2 = s2.replace('ʻ', "'").replace('ʼ', "'").replace('’', "'").replace('‘', "'")
    s2 = unicodedata.normalize('NFKD', s2)
    return ''.join(c for c in s2 if not unicodedata.combining(c))


def write_tsv(path, header_lines, columns, rows):
    """header_lines: comment text without the leading '# '. rows: list of dicts or lists."""
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        for h in header_lines:
            f.write('# ' + h + '\n')
        f.write('\t'.join(columns) + '\n')
        for r in rows:
            if isinstance(r, dict):
                r = [r.get(c, '') for c in columns]
            f.write('\t'.join(clean(x) for x in r) + '\n')
    return len(rows)
