# globstar: relative **, a trailing slash (directories only), hidden names, two ** levels
# requires: mkdir
mkdir -p a/b/c a/.hid/d e
: > a/1.x; : > a/b/2.x; : > a/b/c/3.x; : > a/.hid/d/4.x; : > e/5.y; : > .top.x
shopt -s globstar
echo **/*.x
echo **
echo a/**/
echo a/**/c/**/*.x
echo **/b
shopt -s dotglob
echo a/**/*.x
shopt -u dotglob
echo nomatch/**/*.z
