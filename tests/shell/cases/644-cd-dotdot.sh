# cd .. from the root stays at the root
cd /dev
cd ..
pwd
cd ..
pwd
