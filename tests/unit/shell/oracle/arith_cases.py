#!/usr/bin/env python3
"""Regenerates ../arith_cases.inc: each expression's value (or error) and the variables after it,
as host bash prints them. Run from anywhere: python3 tests/unit/shell/oracle/arith_cases.py.
The variables below are the ones arith_test.cpp's environment starts with; keep the two in step."""
import os
import re
import subprocess

PRELUDE = r"""
x=5 y=3 z=0 s='x+1' t='s*2' rec=rec ping=pong pong=ping e='' sp=' ' bad='1/0' dec=1.5
big=9223372036854775807 small=-9223372036854775808 neg=-7 hex=0x1f oct=017 word=abc two='3 4'
p='a[2]' q='a[i]' a=(10 20 30)
declare -A m=([k]=7 ['two words']=2 [idx]='a[1]')
readonly ro=1
state() {
  printf 'x=%s y=%s z=%s i=%s n=%s a=' "$x" "$y" "$z" "$i" "$n"
  for k in "${!a[@]}"; do printf '[%s]=%s,' "$k" "${a[$k]}"; done
  printf ' m='
  while IFS= read -r k; do [[ -n $k ]] && printf '[%s]=%s,' "$k" "${m[$k]}"; done < <(printf '%s\n' "${!m[@]}" | LC_ALL=C sort)
  printf '\n'
}
"""

EXPRESSIONS = [
    # constants
    "0", "42", "-42", "007", "010", "0x1f", "0X1F", "0xff", "0x", "2#101", "8#777", "16#ff", "16#FF",
    "36#z", "36#Z", "37#Z", "62#Z", "64#@", "64#_", "64#@_", "10#08", "00", "09", "0xg", "2#12",
    "65#1", "1#1", "0#1", "2#", "2#1#1", "08#1", "1_000", "0_", "9223372036854775807",
    "9223372036854775808", "99999999999999999999", "0x7fffffffffffffffff", "12abc", "1.5",
    # operators and precedence
    "1+2*3", "(1+2)*3", "10-4-3", "2**3**2", "-2**2", "2**0", "2**63", "2**64", "3**-1", "0**0",
    "7/2", "-7/2", "7%3", "-7%3", "7%-3", "1/0", "1 / 0 + 3", "5 % 0", "1 /  0", "x/z",
    "-9223372036854775808/-1", "-9223372036854775808%-1", "9223372036854775807+1", "big*2",
    "1<<3", "1<<63", "1<<64", "1<<-1", "-8>>1", "-1>>63", "5&3", "5|3", "5^3", "~5", "!5", "!0",
    "1<2", "2<=2", "3>2", "3>=4", "1==1", "1!=1", "1<2<3", "3<2<1", "1==1==1", "1 && 2", "1 && 0",
    "0 || 0", "0 || 7", "1 ? 2 : 3", "0 ? 2 : 3", "1 ? 2 : 3 ? 4 : 5", "0 ? 2 : 0 ? 4 : 5",
    "1,2,3", "x=1,y=x+1", "- -5", "--5", "-+-5", "+5", "!!7", "~~7", "-x", "+x", "3 +- 2",
    "1+++x", "1 +++ x", "x+++y", "x---y", "(((((1)))))", "1 - - 1", "6 / 2 * 3", "2 * 3 % 4",
    "1 + 2 << 1", "1 | 2 ^ 3 & 4", "1 == 2 | 1", "5 > 3 == 1",
    # variables
    "x", "x+y", "s", "t", "s*t", "e", "e+1", "sp+1", "word", "word+1", "unset_var", "unset_var+1",
    "neg", "-neg", "hex", "oct", "big", "small", "small-1", "dec", "two", "bad", "bad+1", "rec",
    "ping", "p", "q", "a", "a[0]", "a[1]", "a[2]", "a[3]", "a[-1]", "a[-3]", "a[1+1]", "a[ 1 ]",
    "a[ ]", "a[x-4]", "a[a[0]/10]", "a[1/0]", "m[k]", "m[two words]", "m[idx]", "m[nope]",
    "x[0]", "x[1]", "a[1]+a[2]", "$x", "x y", "a b", "1 2", "1 2 3", "x 09", "x y 09", "x @",
    # assignment
    "x=7", "x = 7", "x+=2", "x-=2", "x*=2", "x/=2", "x%=2", "x<<=2", "x>>=1", "x&=3", "x|=8",
    "x^=1", "x/=0", "x%=0", "x=y=z=9", "x+=y*=2", "x =+ 2", "n=1", "n+=5", "a[1]=7", "a[5]=1",
    "a[x-4]+=100", "a[1]*=3", "i=0, a[i++]=i", "i=0, a[i++]+=1", "i=0, a[i++]++", "i=0, ++a[i++]",
    "m[k]+=1", "m[new]=3", "m[two words]*=5", "x=s", "x=rec", "1 = 2", "(x) = 2", "x+1 = 2",
    "x++ = 3", "++x = 3", "x = = 1", "x **= 2", "= 2", "x = ", "-x = 3", "1 ? 2 : 3 = 4",
    "0 ? x = 7 : 9", "1 ? x = 7 : 9", "0 || x=5", "z=1/0", "x=1, 1/0",
    # increment and decrement
    "x++", "x--", "++x", "--x", "x++ + x", "x++ + ++x", "++x + x++", "-- x", "++ x", "x ++",
    "++1", "--1", "1++", "x--y", "x++y", "++x y", "--x++", "++x--", "(x)++", "5 --x", "--", "++",
    "n++", "++n", "--n", "a[0]++", "++a[2]", "a[-1]--", "m[k]++", "++m[new]", "i=1,a[i]++",
    # short circuit
    "0 && 1/0", "1 || 1/0", "0 ? 1/0 : 2", "1 ? 2 : 1/0", "1 && (1/0)", "0 && (x=9)", "1 || (x=9)",
    "0 && x++", "1 || x++", "0 ? x++ : y++", "1 ? x++ : y++", "0 && bad", "0 && rec",
    "0 && 2**-1", "0 && a[1/0]", "z && (z=2)", "x && (z=2)", "(x=0) || (y=4)",
    # syntax errors
    "1 +", "+", "1 + ", "1 ,", "1 , ", "()", "(1))", "(1", "1)", "1 ? 2", "1 ? : 3", "1 ?", "1 ?:",
    "1 ? 2 : ", "1 : 2", "1 @ 2", "7 @", "(7) @", "1 $ 2", "$", "1 '+' 2", '1 "+" 2', "a[",
    "a[1", "x[1", "a[1]]", "a[[1]]", "a[]", "a[@]", "a[*]", "m[@]", "* 2", "1 * * 2", "~", "!",
    "x y = 1", ", 1",
    # whitespace
    "", "   ", "\t1\t+\t2\t", "1\n+\n2", "  1 / 0  ", " x = ", "  (1",
]


def run(script, expression):
    result = subprocess.run(["bash", "-c", PRELUDE + script, "bash", expression],
                            capture_output=True, text=True, env={"PATH": os.environ["PATH"], "LC_ALL": "C"})
    return result.stdout, result.stderr


def outcome(expression):
    """What `echo $((expression))` prints: the value (none after an error) and stderr's first line."""
    out, err = run('echo "$(($1))"', expression)
    lines = [re.sub(r"^bash: line [0-9]+: ", "", line) for line in err.splitlines()]
    return out.rstrip("\n"), lines[0] if lines else ""


def state(expression):
    out, _ = run('(( $1 )) 2>/dev/null; state', expression)
    return out.rstrip("\n")


def cxx_string(text):
    return 'R"sh(' + text + ')sh"'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    version = subprocess.run(["bash", "-c", "echo $BASH_VERSION"], capture_output=True, text=True).stdout.strip()
    rows = []
    for expression in EXPRESSIONS:
        value, error = outcome(expression)
        rows.append("    {%s, %s, %s, %s}," % (cxx_string(expression), cxx_string(value), cxx_string(error),
                                              cxx_string(state(expression))))
    with open(os.path.join(here, "..", "arith_cases.inc"), "w") as inc:
        inc.write("// Generated by oracle/arith_cases.py from bash %s; do not edit.\n" % version)
        inc.write("// {expression, value printed, first line of stderr, variables after `(( expression ))`}\n")
        inc.write("\n".join(rows) + "\n")


main()
