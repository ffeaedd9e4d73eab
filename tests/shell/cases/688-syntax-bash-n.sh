# bash -n checks a file without running it
printf 'echo ok\nif then\n' > bad.sh
bash -n ./bad.sh
echo "status $?"
printf 'echo fine\n' > good.sh
bash -n ./good.sh
echo "status $?"
