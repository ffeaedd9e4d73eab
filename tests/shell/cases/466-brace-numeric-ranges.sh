# {m..n} and {m..n..step}
echo {1..5}
echo {5..1}
echo {1..10..3}
echo {10..1..4}
echo {-2..2}
