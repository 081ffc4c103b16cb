"""Entry point: `streamlit run dashboard.py`. Signs the viewer in and builds the navigation their role allows."""

from ui import navigasi

navigasi.jalankan()
