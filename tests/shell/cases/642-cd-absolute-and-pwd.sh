# cd to absolute directories and pwd
cd /
pwd
cd /dev
pwd
echo "$PWD"
