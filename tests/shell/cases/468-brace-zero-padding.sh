# leading zeros pad every number
echo {01..10}
echo {001..3}
echo {08..11}
