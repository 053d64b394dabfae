#!/usr/bin/env python3
"""Compare what C2 inlined in two groups of JMH forks, from HotSpot compilation logs.

Run each fork with -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=DIR/NAME.log,
then:

    inlining.py tree LOG REGEX          the inlining tree of every C2 compile of a method matching REGEX
    inlining.py diff REGEX A.log... -- B.log...
                                        the decisions (callee, inlined or why not, receiver types)
                                        made in every fork of one group and in no fork of the other

A decision is one line of a tree: "caller | +/- callee [reason] receivers". Bytecode indexes and
receiver counts are left out, so that the same decision in two forks compares equal.
Used for bench/PROFILE.md section 13.3.
"""
import html
import re
import sys
import xml.etree.ElementTree as ET


def compiles(path, pattern):
    """The C2 compile tasks of methods matching pattern, in the log's order."""
    text = open(path, errors='replace').read()
    for block in re.finditer(r"<task [^>]*>.*?</task>", text, re.S):
        try:
            task = ET.fromstring(block.group(0))
        except ET.ParseError:
            continue
        method = html.unescape(task.get('method', ''))
        if task.get('level') not in (None, '4') or not re.search(pattern, method):
            continue
        yield task, method


def tree(task):
    """The task's inlining decisions, indented by depth."""
    lines, klasses, methods = [], {}, {}

    def name(method_id):
        method = methods.get(method_id)
        if method is None:
            return method_id
        return klasses.get(method.get('holder'), '?') + '::' + method.get('name')

    def parse(element, depth):
        call = None
        for child in element:
            if child.tag == 'klass':
                klasses[child.get('id')] = child.get('name').replace('/', '.')
            elif child.tag == 'method':
                methods[child.get('id')] = child
            elif child.tag == 'call':
                receivers = [klasses.get(child.get(key), '?') for key in ('receiver', 'receiver2') if child.get(key)]
                call = (name(child.get('method')), ' recv=' + ','.join(receivers) if receivers else '')
            elif child.tag in ('inline_success', 'inline_fail') and call is not None:
                sign = '+' if child.tag == 'inline_success' else '-'
                lines.append('  ' * depth + f"{sign} {call[0]} [{child.get('reason', '')}]{call[1]}")
            elif child.tag == 'parse':
                parse(child, depth + 1)
            elif child.tag == 'phase' and child.get('name') == 'parse':
                parse(child, depth)

    parse(task, 0)
    return lines


def decisions(path, pattern):
    found = set()
    for task, method in compiles(path, pattern):
        for line in tree(task):
            found.add(method.split(' (')[0] + ' | ' + line.strip())
    return found


def main(args):
    if len(args) == 3 and args[0] == 'tree':
        for task, method in compiles(args[1], args[2]):
            print(f"=== {method} osr_bci={task.get('osr_bci')} stamp={task.get('stamp')}")
            print('\n'.join(tree(task)))
    elif len(args) >= 5 and args[0] == 'diff' and '--' in args:
        split = args.index('--')
        a = [decisions(log, args[1]) for log in args[2:split]]
        b = [decisions(log, args[1]) for log in args[split + 1:]]
        for title, every, other in (('in every A fork, in no B fork', a, b), ('in every B fork, in no A fork', b, a)):
            print(title + ':')
            for line in sorted(set.intersection(*every) - set.union(*other)):
                print('  ' + line)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv[1:])
