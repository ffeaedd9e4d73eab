#!/usr/bin/env python3
"""Regenerates pattern_texts.inc, pattern_matches.inc, pattern_operations.inc and glob_cases.inc
(in tests/unit/shell) from host bash.

pattern_matches.inc: for each pattern, whether `case text in pattern)` matches, for each text of a set
(case, because [[ == ]] always matches as if extglob were set).
pattern_operations.inc: for fewer (pattern, text) pairs, also what ${t#p} ${t##p} ${t%p} ${t%%p}
${t/p/<>} ${t//p/<>} ${t/#p/<>} ${t/%p/<>} give (with nocase, bash applies nocasematch to [[ ]] and
${t/p/r} only, so the # and % columns are left as "-").
glob_cases.inc: which names of a directory a one-component pattern expands to.
Run: python3 tests/unit/shell/oracle/pattern_cases.py"""
import os
import subprocess
import tempfile

SEP = "\x1f"

BASIC = [
    "", "*", "?", "??", "a", "a*", "*a", "*a*", "a?c", "*b*", "a*b*c", "**", "*?", "?*", "*.*", ".*",
    "*.txt", "[abc]", "[!abc]", "[^abc]", "[a-c]*", "[]a]", "[!]a]", "[a-]", "[z-a]", "[z-ab]", "[a-",
    "[a-]b", "[[:alpha:]]*", "[[:digit:]]", "[[:space:]]", "[[:upper:]]*", "[[:lower:]]", "[[:alnum:]]*",
    "[[:punct:]]", "[[:xdigit:]]*", "[[:blank:]]", "[[:cntrl:]]", "[[:graph:]]*", "[[:print:]]*",
    "[[:word:]]*", "[[:ascii:]]*", "[[:foo:]]", "[[:foo:]a]", "[[:alpha:]", "[[=a=]]", "[[=a=]b]",
    "[[.hyphen.]]", "[[.a.]-c]", "[[.space.]]", "\\*", "\\?", "\\[", "a\\", "*\\", "\\", "[", "[a", "]",
    "a[b", "[\\]]", "[\\!a]", "[a\\-c]", "x*[!a]y", "*a*a*a*a*b", "[!]]*", "[*]", "*[*]*", "[?]",
    "?[a-z]", "[A-Z]*", "[a-z]*", "*[0-9]", "\\a\\b\\c", "a**c", "[]-a]", "[a-c-e]",
]

EXTGLOB = [
    "?(a)", "*(a)", "+(a)", "@(a)", "!(a)", "?(a|b)c", "*(ab|a)", "+(a|b)c", "@(foo|bar)", "!(foo)",
    "!(*.txt)", "*.@(c|h|txt)", "@(a|b)@(c|d)", "+(a*(b))", "!(a|b)", "@()", "!()", "*(a", "@(a|b",
    "a!(b)c", "*(*)", "+(?)", "!(+(a))", "@(\\))", "?(a)b?(c)", "*(a|b|c)", "+(X|b)", "!(*X*)",
    "@(a*|*c)", "!(abc)*", "*!(c)", "*(?(a)b)", "@([ab]|c)", "+([[:alpha:]])", "a@(b|)c", "?(*)",
]

BASIC_TEXTS = ["", "a", "b", "abc", "aXbXc", "foo.txt", ".hidden", "ABC", "a-b", "]", "*", "\\", "[ab",
               "aaaab", "x1y", " \t", "é", "aé", "-", "!", "abab", "a\\"]
EXTGLOB_TEXTS = ["", "a", "b", "c", "abc", "aaa", "ab", "foo", "bar", "foobar", "foo.txt", "x.c", "x.h",
                 "XbX", "bbbc", ".a", "abcabc", ")", "ac", "abbbc"]
NOCASE = ["a", "[a-c]*", "*B*", "[[:upper:]]", "[!a]*", "?(B)c", "[[=A=]]", "É", "[A-C]", "[Z-a]"]
NOCASE_TEXTS = ["A", "a", "ABC", "abc", "aBc", "Bc", "é", "É", "_"]
BYTES = ["?", "??", "[é]", "*é", "[[:alpha:]]", "é"]
BYTES_TEXTS = ["é", "a", "éé"]

# The operations table: fewer patterns and texts, every expansion.
OPERATIONS = [
    ("", ["abc", ""], ""), ("*", ["abc", ""], ""), ("?", ["abc", "é", ""], ""), ("a", ["abc", "aXbXc", "bab", ""], ""),
    ("b*", ["abcabc", "aXbXc"], ""), ("*b", ["abcabc", "bab"], ""), ("*b*", ["abcabc", "aXbXc"], ""),
    ("[ab]", ["abcabc", "xyz"], ""), ("[!a]", ["abcabc", "aaa"], ""), ("a*c", ["abcabc", "ac"], ""),
    ("?(z)", ["abc", ""], "extglob"), ("*(z)", ["abc", ""], "extglob"), ("+(ab)", ["ababcab", "b"], "extglob"),
    ("@(a|bc)", ["abcabc", "bcbc"], "extglob"), ("!(a)", ["abc", "a", ""], "extglob"),
    ("*(a|b)", ["aabbc", "cab"], "extglob"), ("\\*", ["a*b*", "ab"], ""), ("*\\", ["a\\", "a"], ""),
    ("é", ["aéb", "éé"], ""), ("?", ["éé"], "bytes"), ("B", ["abcABC"], "nocase"), ("[a-b]", ["ABC"], "nocase"),
    ("*.@(c|h)", ["x.c.h", "x.o"], "extglob"), ("a*a*a*a*b", ["aaaaaaaaab", "aaaaaaaa"], ""),
]

SCRIPT = r"""
t=$1 p=$2
case $t in $p) printf 1;; *) printf 0;; esac
if [[ $3 == nocase ]]; then printf '\x1f%s' - - - -; else
printf '\x1f%s' "${t#$p}" "${t##$p}" "${t%$p}" "${t%%$p}"; fi
printf '\x1f%s' "${t/$p/<>}" "${t//$p/<>}" "${t/#$p/<>}" "${t/%$p/<>}"
"""

MATCH_SCRIPT = r"""
p=$1; shift
for t; do case $t in $p) printf 1;; *) printf 0;; esac; done
"""


def run(script, args, options, locale):
    flags = ["-O", "extglob"] if "extglob" in options else []
    prelude = "shopt -s nocasematch;" if "nocase" in options else ""
    result = subprocess.run(["bash", *flags, "-c", prelude + script, "bash", *args],
                            capture_output=True, env={"PATH": os.environ["PATH"], "LC_ALL": locale})
    assert not result.stderr, result.stderr
    return result.stdout.decode("utf-8", "surrogateescape")


def locale_for(options):
    return "C" if options == "bytes" else "C.UTF-8"


def cxx(text):
    """A C++ literal: raw, unless the text is not valid UTF-8 (bytes from the C locale)."""
    try:
        text.encode("utf-8")
        return 'R"sh(' + text + ')sh"'
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        return " ".join('"\\x%02x"' % b if b >= 0x80 or b < 0x20 or b in b'"\\?' else '"%s"' % chr(b) for b in raw)


TEXT_SETS = [("basic", BASIC_TEXTS), ("extglob", EXTGLOB_TEXTS), ("nocase", NOCASE_TEXTS), ("bytes", BYTES_TEXTS)]


def text_set_rows():
    return ["const std::vector<std::string> k_%s_texts{%s};" % (name, ", ".join(cxx(t) for t in texts))
            for name, texts in TEXT_SETS]


def match_rows():
    groups = [(BASIC, "basic", ""), (EXTGLOB, "extglob", "extglob"), (NOCASE, "nocase", "nocase"),
              (NOCASE, "nocase", "extglob nocase"), (BYTES, "bytes", "bytes")]
    rows = []
    for patterns, set_name, options in groups:
        texts = dict(TEXT_SETS)[set_name]
        for pattern in patterns:
            bits = run(MATCH_SCRIPT, [pattern, *texts], options, locale_for(options))
            rows.append("    {%s, %s, &k_%s_texts, %s}," % (cxx(pattern), cxx(options), set_name, cxx(bits)))
    return rows


def operation_rows():
    rows = []
    for pattern, texts, options in OPERATIONS:
        for text in texts:
            fields = run(SCRIPT, [text, pattern, options], options, locale_for(options)).split(SEP)
            rows.append("    {%s}," % ", ".join(cxx(x) for x in [pattern, text, options] + fields))
    return rows


NAMES = [".hidden", ".x.c", "a", "b.c", "B.C", "abc", "a.txt", "x.h", "[weird]", "*star", "é.c", "-",
         "..dots", "A", "ab", "c.c"]
GLOBS = [("*", ""), (".*", ""), ("*.c", ""), ("?", ""), ("[ab]*", ""), ("*.[ch]", ""), ("[!a]*", ""),
         ("\\**", ""), (".?*", ""), ("[.]*", ""), (".", ""), ("..", ""), ("*", "dotglob"), ("*.c", "dotglob"),
         ("?", "dotglob"), ("[.]*", "dotglob"), ("*.c", "nocaseglob"), ("a*", "nocaseglob"),
         ("@(a|abc)", "extglob"), ("!(*.c)", "extglob"), ("*(a)*", "extglob"), ("!(a)", "extglob dotglob"),
         ("@(.x|*).c", "extglob"), ("+([a-c])", "extglob"), ("\\[*", ""), ("*[", ""), ("[[]*", ""),
         ("?.c", ""), ("*.C", "nocaseglob"), (".*.c", ""), ("a?", "")]


def glob_rows():
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        for name in NAMES:
            open(os.path.join(directory, name), "w").close()
        for pattern, options in GLOBS:
            shopts = " ".join("shopt -s %s;" % o for o in options.split())
            script = 'cd "$1"; shopt -s nullglob; %s for f in %s; do printf "%%s|" "$f"; done' % (shopts, pattern)
            result = subprocess.run(["bash", "-O", "extglob", "-c", script, "bash", directory],
                                    capture_output=True, text=True, env={"PATH": os.environ["PATH"], "LC_ALL": "C.UTF-8"})
            assert not result.stderr, result.stderr
            rows.append("    {%s, %s, %s}," % (cxx(pattern), cxx(options), cxx(result.stdout)))
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    version = subprocess.run(["bash", "-c", "echo $BASH_VERSION"], capture_output=True, text=True).stdout.strip()
    header = "// Generated by oracle/pattern_cases.py from bash %s; do not edit.\n" % version
    with open(os.path.join(here, "..", "pattern_texts.inc"), "w") as out:
        out.write(header + "// The texts each match row is tried on.\n")
        out.write("\n".join(text_set_rows()) + "\n")
    with open(os.path.join(here, "..", "pattern_matches.inc"), "w") as out:
        out.write(header + "// {pattern, options, texts, 1 where `case text in pattern)` matched}\n")
        out.write("\n".join(match_rows()) + "\n")
    with open(os.path.join(here, "..", "pattern_operations.inc"), "w") as out:
        out.write(header)
        out.write("// {pattern, text, options, case, # ## % %% (- when nocase), / // /# /% with <>}\n")
        out.write("\n".join(operation_rows()) + "\n")
    with open(os.path.join(here, "..", "glob_cases.inc"), "w") as out:
        out.write(header)
        out.write("// {pattern, options, the names it expands to, each followed by |, in bash's order (C.UTF-8)}\n")
        out.write("// The directory holds: " + " ".join(NAMES) + "\n")
        out.write("\n".join(glob_rows()) + "\n")


main()
