# declare -f re-lays out $( ) and places here-document bodies as bash does
f() {
  x=$(  echo   a;echo  b ) y="$( if true; then echo c; fi )" z=`echo   kept`
  echo $'tab\there' "$'not'" $((1 + $(echo  2)))
  cat <<EOF
body $x
EOF
  cat <<'Q' | cat
quoted $y
Q
  cat <<E && echo after
e
E
	cat <<-T
		tabs go
	T
  g() { cat <<G
in g
G
}; echo done
}
declare -f f
