# read -p prints no prompt when input is not a terminal
read -r -p "Prompt: " ans <<< "answer"
echo "ans=$ans"
