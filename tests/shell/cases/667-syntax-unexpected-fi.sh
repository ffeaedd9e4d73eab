# a stray fi is a syntax error (exit 2, file and line named)
echo before
fi
echo after
