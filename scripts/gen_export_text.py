"""Texts for scripts/gen-export.py: names, notes and message bodies. All fictional.

Format fields: {me} is the owner's first name, {p} the other person's first name (or a
Person, as {p.first}, in invitation notes), {topic} a subject the owner works on.
Invitation notes never contain newlines: LinkedIn turns a line break into two spaces.
"""

ES_FIRST = """Álvaro Begoña Nuria Íñigo Jesús Inés Sofía Andrés Martín Valentina Joaquín Rocío
Agustín Raúl Maite Óscar Ainhoa Héctor Mónica Adrián Noelia Julián Camila Tomás Ximena Leire
Guillermo Paula Sebastián Daniela Nicolás Florencia Rubén Elena Marcos Pilar Josefina Gonzalo
Carmen Mercè Jordi Xabier Catalina Emilio Lorena Ignacio Verónica Fernando Alba Irene
Iker Ángela Nahia Efraín Araceli Maximiliano""".split() + ["María José", "Juan Pablo", "Ana Belén"]
ES_LAST = """Núñez Muñoz Ibáñez Peña Güell Argüello Sáenz Domínguez Castaño Montaño Beltrán Cortés
Ortiz Gil Vázquez Rodríguez Martín Jiménez Álvarez Romero Navarro Serrano Molina Delgado Suárez
Blanco Rubio Marín Iglesias Urrutia Aguirre Quiñones Villalobos Zúñiga Cárdenas Figueroa
Bermúdez Gutiérrez Agüero Salazar Sepúlveda Paredes Lozano Carreño Echeverría Arrieta Mejía
Orduña""".split() + ["García-Patiño", "de la Fuente"]
EN_FIRST = """James Olivia Liam Emma Noah Ava Ethan Mia Lucas Chloe Mason Grace Logan Harper Owen
Zoe Caleb Nora Henry Ruby Isaac Leah Aaron Maya Dylan Priya Arjun Wei Mei Kenji Amara Tunde
Fatima Omar Sven Ingrid Pierre Claire Marco Giulia""".split()
EN_LAST = """Smith Johnson Brown Taylor Walker Harris Clarke Lewis Young King Wright Hill Green Baker
Adams Nelson Carter Mitchell Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers
Patel Nguyen Kim Chen Okafor Haddad Lindqvist Dubois Rossi Novak O'Brien""".split()

ES_JOBS = [
    ("Analítica Norte Consultores", "Consultora de analítica digital"),
    ("Grupo Meridiano Medios", "Responsable de marketing digital"),
    ("Agencia Brújula", "Directora de cuentas"),
    ("Datalia Soluciones", "Científico de datos"),
    ("Cooperativa Olivar del Sur", "Responsable de comunicación"),
    ("Fintech Candela", "Growth manager"),
    ("Escuela de Negocios Atalaya", "Profesora asociada de marketing"),
    ("Clínica Dental Sonrisas", "Gerente"),
    ("Autónomo", "Diseñador gráfico freelance"),
    ("Editorial Faro, S.L.", "Jefe de producto digital"),
    ("Ayuntamiento de Villaseca", "Técnico de desarrollo local"),
    ("Logística Ebro", "Business analyst"),
    ("Startup Pradera", "CEO & cofundadora"),
    ("Hotel Mirador del Tajo", "Revenue manager"),
    ("Seguros La Encina", "Analista de CRM"),
    ("Consultoría Cierzo", "Socio director"),
    ("Universidad del Henares", "Investigadora en comportamiento del consumidor"),
    ("Tienda Online Nácar", "E-commerce manager"),
    ("", ""),
]
EN_JOBS = [
    ("Northwind Analytics", "Data Engineer"), ("Bluebird Media", "Head of Growth"),
    ("Harbor & Finch LLP", "Associate"), ("Acme Cloud", "Account Executive"),
    ("Self-employed", "Recruiter"), ("Summit Ventures", "Partner"),
    ("Pinecrest Health", "Marketing Manager"), ("Orbit Labs", "Software Engineer, Backend"),
]

ES_STOCK_TEXT = "Me gustaría añadirte a mi red profesional en LinkedIn."
EN_STOCK = "I’d like to add you to my professional network on LinkedIn."
STOCKS = [EN_STOCK, ES_STOCK_TEXT, "I'd like to add you to my professional network on LinkedIn.",
          "Hi,  I’d like to add you to my professional network on LinkedIn."]
ES_STOCK = [
    ES_STOCK_TEXT,
    ES_STOCK_TEXT,
    "Hola {me},  " + ES_STOCK_TEXT,
    "Hola {me}, me gustaría añadirte a mi red profesional en LinkedIn.",
    "me gustaría añadirte a mi red profesional en LinkedIn",
    ES_STOCK_TEXT + "  Un saludo,  {p.first}",
    ES_STOCK_TEXT + "  - {p.name}",
    "Hola {me}:  Me gustaría añadirte a mi red profesional en LinkedIn. Saludos",
]
ES_PERSONAL = [
    "Hola {me}, coincidimos ayer en la mesa redonda de analítica del Marketing Data Day. "
    "Me quedé con ganas de seguir hablando de modelos de atribución, ¿conectamos?",
    "{me}, soy compañera de Íñigo Echeverría; me dijo que te escribiera porque estamos "
    "buscando a alguien para un proyecto de cuadros de mando. ¡Un saludo!",
    "¡Hola {me}! Fui alumno tuyo en el curso de Google Analytics 4 de la primavera. "
    "Me encantaría mantener el contacto y seguir aprendiendo.",
    "Buenas {me}, he leído tu artículo sobre cómo medir campañas sin cookies y me ha "
    "parecido muy útil. Me gustaría conectar y seguir tus publicaciones.",
]
ES_MASS = [
    "Hola, he visto tu perfil y me encantaría conectar para ampliar nuestras redes",
    "Hola {me}, he visto tu perfil y me encantaría conectar para ampliar nuestras redes "
    "profesionales. ¡Saludos!",
    "¡Hola! Estoy ampliando mi red con profesionales del sector. He visto tu perfil y me "
    "encantaría conectar para ampliar nuestras redes.",
]
SPAM = [
    "Hola {me}, ¿quieres ganar hasta un 30% mensual con cripto y forex? Rentabilidad "
    "GARANTIZADA, sin riesgo. Escríbeme por WhatsApp: +44 7700 900123",
    "Buenos días, ofrecemos servicios de SEO y posicionamiento para que tu web salga la "
    "primera en Google. ¿Te llamo y te cuento?",
]
SPAM_FOLLOWUP = ("Hola {me}, te escribo de nuevo porque las plazas del grupo de inversión son "
                 "limitadas. Resultados reales, 100% garantizados. WhatsApp: +44 7700 900123")
EN_PERSONAL = ("Hi {me}, we met at the analytics meetup in Lisbon last week - I was the one "
               "asking about consent mode. Would love to stay in touch!")
EN_WELCOME = "Hi {p}, of course I remember! Great to connect, let's keep in touch."
EN_ASK = ("Hi {p}, thanks for the invitation. Could you tell me why you'd like to connect? "
          "That way I can see how we might work together.")

ES_ASKS = [
    "Hola {p}, gracias por tu invitación. ¿Me cuentas por qué te gustaría conectar? Así puedo "
    "ver en qué podemos colaborar.",
    "Hola {p}: muchas gracias por la invitación. Antes de aceptar siempre pregunto: ¿qué te ha "
    "llevado a querer conectar conmigo?",
    "Buenas, {p}. Gracias por querer conectar. ¿Hay algún motivo en particular? Me gusta saber "
    "con quién comparto red, para aprovechar mejor las sinergias.",
    "¡Hola {p}! Gracias por la solicitud. Cuéntame un poco por qué quieres conectar, ¿nos "
    "conocemos de algún evento?",
    "Hola {p}, encantada. ¿Qué te ha hecho querer conectar? Así sé en qué te puedo ayudar.",
    "Gracias por la invitación, {p}. ¿Me explicas brevemente el motivo? Prefiero que mi red "
    "sea de personas con las que de verdad pueda colaborar.",
]
ES_REASONS = [
    "Hola {me}, perdona la tardanza. Te encontré buscando consultoras de analítica en Madrid; "
    "estamos montando un equipo de datos y me gustaría seguir lo que publicas.",
    "¡Hola {me}! Coincidimos en el grupo de Marketing Analytics y me gustó tu comentario sobre "
    "atribución. Me encantaría seguir en contacto.",
    "Buenas {me}, estoy terminando el máster de marketing digital y tu perfil me parece muy "
    "inspirador. Quería conectar para aprender de tu experiencia.",
    "Hola, {me}. Trabajo en una agencia de Valencia y a veces subcontratamos proyectos de "
    "analítica. Pensé que podríamos colaborar en algún momento.",
    "Hola {me}, gracias por preguntar. Vi tu charla sobre cuadros de mando en el meetup y "
    "quería conectar para compartir ideas.",
    "Hola {me}, tienes razón, debí escribirte una nota. Busco a alguien que nos ayude con la "
    "migración a GA4 y un compañero me recomendó tu perfil.",
    "Hola! Llevo la comunicación de una cooperativa y queremos medir mejor nuestras campañas. "
    "Me pareció que sabes mucho del tema, por eso te invité.",
]
ES_REASON_MULTILINE = ('Hola {me},\nte cuento: leí tu artículo "Medir no es contar" y me hizo '
                       'pensar mucho, sobre todo lo de las métricas de vanidad.\nMe gustaría '
                       'conectar para seguir tus publicaciones y, si algún día das un curso, '
                       'apuntarme.\n\nUn abrazo')
ES_ACCEPT_THANKS = [
    "¡Gracias por contármelo, {p}! Así da gusto. Te acepto ahora mismo.",
    "Perfecto, {p}, muchas gracias por responder. Ya estamos conectadas/os.",
    "Gracias, {p}. Encantada de conectar, hablamos cuando quieras.",
    "¡Genial, {p}! Aceptada. Si te puedo echar una mano, escríbeme.",
]
ES_DRAFT_FOLLOWUP = "Hola {p}, ¿pudiste ver mi mensaje? Sigo con tu invitación pendiente"
ES_WELCOME_BACK = [
    "¡Hola {p}! Claro que me acuerdo. Encantada de conectar, seguimos en contacto.",
    "Gracias por la nota, {p}. Da gusto recibir invitaciones así. ¡Bienvenido/a a mi red!",
    "Hola {p}, muchas gracias por escribir unas líneas. Hablamos cuando quieras.",
]
ES_THANKS_BACK = ["¡Gracias a ti, {me}!", "Genial, {me}. Te escribo la semana que viene.",
                  "Igualmente, {me}. ¡Un saludo!"]
TOPICS = ["analítica web", "modelos de atribución", "cuadros de mando", "medición sin cookies",
          "CRM", "marketing de contenidos", "experimentos A/B", "GA4"]
ES_OUTGOING_NOTES = [
    "Hola {p}, me gustó mucho tu charla sobre {topic}. ¿Conectamos para seguir la conversación?",
    "Hola {p}, soy Lucía, consultora de marketing y datos en Madrid. Vi tu publicación sobre "
    "{topic} y me pareció muy acertada. Me encantaría conectar.",
    "{p}, Íñigo me habló de tu proyecto de {topic}. Me encantaría conocerlo, ¿conectamos?",
    "Hola {p}: coincidimos en el taller de {topic} pero no llegamos a hablar. ¡Encantada de "
    "conectar!",
    "Hola {p}, estoy preparando un artículo sobre {topic} y tu experiencia me vendría genial. "
    "¿Conectamos?",
    "Hola {p}, te sigo desde hace tiempo por lo que compartes de {topic}. Me gustaría conectar.",
]
ES_WELCOMES = [
    "¡Gracias por aceptar, {p}! Si algún día te apetece un café para hablar de {topic}, "
    "avísame.",
    "Hola {p}, gracias por conectar. Te dejo mi último artículo sobre {topic} por si te "
    "interesa, cualquier comentario es bienvenido.",
    "Gracias, {p}. Me alegra tenerte en mi red; cuando quieras hablamos de {topic}.",
]
ES_WELCOME_REPLIES = ["¡Claro, {me}! Escríbeme la semana que viene y lo cuadramos.",
                      "Gracias a ti, {me}. Lo leo y te digo.", "¡Encantado! Hablamos pronto."]
OLD_CHATS = [
    ["Hola {p}, ¿tienes un rato esta semana para revisar la propuesta?",
     "Sí, el jueves a las 10 me viene bien.", "Perfecto, te mando la invitación."],
    ["{p}, te paso el enlace del informe:\nhttps://example.com/informe-q3\nDime qué te parece, "
     "sobre todo la parte de \"canales propios\".",
     "Muy claro, gracias. Solo cambiaría el gráfico de embudo, que confunde un poco."],
    ["¡Felicidades por el nuevo puesto, {p}!", "¡Muchas gracias, Lucía! A ver qué tal, "
     "nervios, ilusión, un poco de todo."],
    ["Hola {p}, ¿sigue en pie lo del curso de primavera?",
     "Sí, aunque lo movemos a mayo. Te confirmo fechas, horarios y aula en cuanto las tenga.",
     "Genial, gracias."],
]

EN_SENTENCES = """Thanks for getting back to me so quickly.
Could we move our call to Thursday afternoon?
I've attached the deck we discussed, let me know what you think.
We're hiring a senior analyst, would you be open to a quick chat?
Great meeting you at the conference last week.
The numbers for Q3 look better than expected, especially in EMEA.
I'd love to hear more about how your team handles attribution.
No worries, next week works too.
Happy to make an intro if it helps.
Can you share the "final" version, not the draft from Monday?
Congrats on the new role!
Let me check with my manager and come back to you.
Our budget for this quarter is limited, but we could start small.
Sounds good, talk soon.
Following up on my previous message, any thoughts?
We use a mix of dashboards, spreadsheets and, honestly, a lot of guesswork.
The link in your last message seems to be broken.
I'll be in Madrid in March, maybe we can grab a coffee?
Quick question: do you work with startups or only larger companies?
Thanks, that's really helpful.""".split("\n")
ES_SENTENCES = """Gracias por responder tan rápido.
¿Podemos mover la llamada al jueves por la tarde?
Te adjunto la presentación que comentamos, dime qué te parece.
Estamos buscando una persona para el equipo de datos, ¿te interesaría hablar?
Fue un placer conocerte en el congreso de la semana pasada.
Los datos del tercer trimestre salen mejor de lo esperado, sobre todo en campañas de pago.
Me encantaría saber cómo medís la atribución en vuestro equipo.
Sin problema, la semana que viene también me va bien.
Si te ayuda, te pongo en contacto con ella.
¿Me pasas la versión "definitiva", no el borrador del lunes?
¡Enhorabuena por el nuevo puesto!
Lo consulto con mi jefa y te digo algo.
Este trimestre vamos justos de presupuesto, pero podríamos empezar con algo pequeño.
Perfecto, hablamos pronto.
Te escribo de nuevo por si se perdió mi mensaje anterior.
Usamos cuadros de mando, hojas de cálculo y, siendo sinceros, bastante intuición.
El enlace de tu último mensaje no funciona.
En marzo estaré en Valencia, ¿tomamos un café?
Una pregunta rápida: ¿trabajáis con startups o solo con empresas grandes?
Gracias, me resulta muy útil.""".split("\n")
TITLES = ["Quick question", "Propuesta de colaboración", "Re: invoice 2291", "Offer details",
          "Sponsored: grow your business", "Invitación al webinar"]

CONNECTIONS_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who have allowed "
    "their connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n')
PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles",
                  "Websites", "Instant Messengers"]
PROFILE_ES = ["", "", "", "Consultora de marketing y analítica de datos | Medir no es contar",
              "Ayudo a pymes a entender sus datos, sin humo.", "Marketing Services", "28004",
              "Madrid, Comunidad de Madrid, España", "", "", ""]
PROFILE_EN = ["", "", "", "Growth & partnerships", "", "Software Development", "", "Austin, Texas",
              "", "", ""]
SKILLS = ["Google Analytics", "Marketing digital", "SQL", "Looker Studio", "Estrategia de datos"]
LEARNING_HEADER = ["Content Title", "Content Description", "Content Type",
                   "Content Last Watched Date (if viewed)", "Content Completed At (if completed)",
                   "Content Saved", "Notes taken on videos (if taken)", ""]
LEARNING_ROWS = [["Data Storytelling Basics", "Tell stories with charts, not just numbers.",
                  "Course", "2025-03-02 19:14 UTC", "N/A", "false", "N/A", ""],
                 ["SQL for Marketers", "Queries, joins and a little window function magic.",
                  "Course", "2024-11-18 08:40 UTC", "2024-11-20 21:03 UTC", "false", "N/A", ""]]
COACH_QUESTION = "How can I make my profile stand out to recruiters?"
