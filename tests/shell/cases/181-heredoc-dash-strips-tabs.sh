# <<- strips leading tabs from lines and the delimiter
if true; then
	cat <<-EOF
		tab indented
	    tab then spaces
	EOF
fi
cat <<-'END'
	quoted $x with tabs
	END
