# reserved words are ordinary words when not in command position
echo if then else fi do done case esac { } ! in
echo while until for function select time
