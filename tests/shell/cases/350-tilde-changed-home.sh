# the expansion follows HOME
HOME=/custom/home
echo ~/file
HOME=/other
echo ~
